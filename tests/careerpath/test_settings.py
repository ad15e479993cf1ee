"""Production settings refuse to start without a cache every instance shares, unless the site runs on one machine."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from careerpath.private_folder import PrivateFileCache
from careerpath.settings import MEMORY_NEEDED, private_cache_dir

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-production-secret-key-that-is-long-and-random-enough-0123456789-abcdefghij",
    "DJANGO_ALLOWED_HOSTS": "careerpath.example.org",
}
SHOW_CACHES = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({
    "caches": {alias: cache["BACKEND"] for alias, cache in settings.CACHES.items()},
    "sessions": [settings.SESSION_ENGINE, getattr(settings, "SESSION_CACHE_ALIAS", "default")],
}))
"""


def start(**variables: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in {"DJANGO_CACHE_URL", "DJANGO_SINGLE_MACHINE"}}
    env.update({**PRODUCTION, "DJANGO_SETTINGS_MODULE": "careerpath.settings", **variables})
    return subprocess.run([sys.executable, "-c", SHOW_CACHES], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def test_production_refuses_to_start_without_a_shared_cache():
    refused = start()
    assert refused.returncode != 0
    assert "DJANGO_CACHE_URL must be set when DJANGO_DEBUG=0" in refused.stderr
    assert "DJANGO_SINGLE_MACHINE=1" in refused.stderr


@pytest.mark.parametrize("single_machine", ["1", "yes"])
def test_production_on_one_machine_keeps_its_own_files(single_machine):
    started = start(DJANGO_SINGLE_MACHINE=single_machine)
    assert started.returncode == 0, started.stderr
    shown = json.loads(started.stdout)
    assert shown["caches"] == {
        "default": "django.core.cache.backends.locmem.LocMemCache",
        "content": "careerpath.private_folder.PrivateFileCache",
        "ratelimit": "careerpath.private_folder.PrivateFileCache",
    }
    assert shown["sessions"][0] == "django.contrib.sessions.backends.db"


def test_production_with_redis_keeps_pages_version_counts_and_sessions_there():
    started = start(DJANGO_CACHE_URL="redis://cache.internal:6379/0")
    assert started.returncode == 0, started.stderr
    shown = json.loads(started.stdout)
    assert set(shown["caches"].values()) == {"careerpath.redis_cache.SharedCache"}
    assert set(shown["caches"]) == {"default", "content", "ratelimit", "sessions"}
    # Read from Redis, kept in the database too: a restarted Redis signs nobody out.
    assert shown["sessions"] == ["django.contrib.sessions.backends.cached_db", "sessions"]


def test_development_needs_no_shared_cache():
    started = start(DJANGO_DEBUG="1")
    assert started.returncode == 0, started.stderr


def test_without_a_folder_named_the_caches_go_in_memory_in_a_folder_only_their_user_may_enter(tmp_path):
    memory = tmp_path / "shm"
    memory.mkdir()
    folder = Path(private_cache_dir(memory))
    assert folder.parent == memory and folder.is_dir() and folder.stat().st_mode & 0o777 == 0o700
    assert private_cache_dir(memory) == str(folder)  # the same one on each start, for every process of this checkout


@pytest.mark.parametrize("taken", ["open to others", "open to their group", "a link", "a file"])
def test_a_folder_in_memory_that_others_may_write_to_is_never_used(tmp_path, taken):
    memory = tmp_path / "shm"
    memory.mkdir()
    folder = Path(private_cache_dir(memory))
    folder.rmdir()
    if taken.startswith("open to"):  # made first by someone else, who could leave pickles there
        folder.mkdir()
        folder.chmod(0o777 if taken == "open to others" else 0o770)
    elif taken == "a link":
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir(mode=0o700)
        folder.symlink_to(elsewhere)
    else:
        folder.write_text("")
    assert private_cache_dir(memory) == str(ROOT / ".cache")


def test_a_machine_without_memory_files_keeps_the_caches_in_the_checkout(tmp_path):
    assert private_cache_dir(tmp_path / "no-such-folder") == str(ROOT / ".cache")


def test_memory_without_room_for_the_caches_leaves_them_in_the_checkout(tmp_path, monkeypatch):
    memory = tmp_path / "shm"
    memory.mkdir()
    block = os.statvfs(memory).f_frsize
    monkeypatch.setattr(os, "statvfs", lambda path: SimpleNamespace(f_frsize=block, f_bavail=(MEMORY_NEEDED - 1) // block))
    assert private_cache_dir(memory) == str(ROOT / ".cache")  # Docker's 64 MB /dev/shm, say


def test_the_file_cache_makes_its_folder_private_and_never_reads_one_someone_else_made_again(tmp_path):
    folder = tmp_path / "cache"
    cache = PrivateFileCache(str(folder), {})
    shutil.rmtree(folder)
    assert cache.get("version") is None  # no folder: nothing to read
    cache.set("version", 7)
    assert cache.get("version") == 7 and folder.stat().st_mode & 0o777 == 0o700

    kept_in = Path(cache._key_to_file("version"))
    shutil.rmtree(folder)  # removed (a logout), then made again by another user, who leaves a pickle there
    folder.mkdir()
    folder.chmod(0o777)
    kept_in.write_bytes(b"planted")
    with pytest.raises(PermissionError):
        cache.get("version")
    with pytest.raises(PermissionError):
        cache.set("version", 8)


def test_a_folder_given_that_others_may_read_but_not_write_to_is_used(tmp_path):
    folder = tmp_path / "var-cache-careerpath"
    folder.mkdir(mode=0o755)  # as a deployment might make DJANGO_CACHE_DIR
    cache = PrivateFileCache(str(folder), {})
    cache.set("version", 7)
    assert cache.get("version") == 7
