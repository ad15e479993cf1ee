"""Folders only the site's user may enter: where the file caches keep pickles, which run code when read."""

import os
import stat

from django.core.cache.backends.filebased import FileBasedCache


def is_private(folder) -> bool:
    """The folder itself (not a link to one), owned by this process's user, closed to everyone else."""
    try:
        found = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(found.st_mode) and found.st_uid == os.getuid() and not found.st_mode & 0o077


class PrivateFileCache(FileBasedCache):
    """Django's file cache, which refuses its folder when it is not the site user's alone. Checked on each use, not
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
            raise PermissionError(f"{self._dir} is not a folder only this user may enter: its cache is not read.")
