"""Folders only the site's user may write to: where the file caches keep pickles, which run code when read."""

import os
import stat

from django.core.cache.backends.filebased import FileBasedCache


def is_private(folder) -> bool:
    """The folder itself (not a link to one), owned by this process's user, and no one else may write to it (a pickle
    left there would run as that user)."""
    try:
        found = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(found.st_mode) and found.st_uid == os.getuid() and not found.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


class PrivateFileCache(FileBasedCache):
    """Django's file cache, which refuses its folder when someone else may write to it. Checked on each use, not
    only at start: in memory (/dev/shm, where every user may make folders) it can be removed (systemd removes a
    user's there at their last logout) and made again by someone else."""

    def _createdir(self):
        super()._createdir()
        self._refuse_unless_private()

    def _key_to_file(self, key, version=None):
        if os.path.lexists(self._dir):  # none yet: nothing to read, and a write makes it (`_createdir`)
            self._refuse_unless_private()
        return super()._key_to_file(key, version)

    def _refuse_unless_private(self):
        if not is_private(self._dir):
            raise PermissionError(f"{self._dir} is not this user's, or others may write to it: its cache is not read.")
