"""Django's Redis cache, told what to do while Redis is away (restarting, unreachable).

`forgive` names what carries on without it: "reads" (a read finds nothing, adding what is missing adds nothing),
or "all" (a write is dropped too).
Whatever is not forgiven raises redis's ConnectionError or TimeoutError, which careerpath.outage answers with 503,
as it does a database that is away: a rate count that cannot be kept refuses the request rather than letting
it through uncounted, and a content change that cannot renew the version is not saved.
"""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

AWAY = (RedisConnectionError, RedisTimeoutError)
logger = logging.getLogger(__name__)


class SharedCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        forgive = options.pop("forgive", "")
        super().__init__(server, {**params, "OPTIONS": options})
        self.forgives_reads = forgive in {"reads", "all"}
        self.forgives_writes = forgive == "all"

    def _forgiven(self, forgiven: bool, call, *args, default=None, **kwargs):
        if not forgiven:
            return call(*args, **kwargs)
        try:
            return call(*args, **kwargs)
        except AWAY as error:
            logger.warning("Redis unreachable, carrying on without it: %s", error)
            return default

    def get(self, key, default=None, version=None):
        return self._forgiven(self.forgives_reads, super().get, key, default, version, default=default)

    def get_many(self, keys, version=None):
        return self._forgiven(self.forgives_reads, super().get_many, keys, version, default={})

    def has_key(self, key, version=None):
        return self._forgiven(self.forgives_reads, super().has_key, key, version, default=False)

    def add(self, key, value, timeout=None, version=None, **kwargs):
        return self._forgiven(self.forgives_reads, super().add, key, value, timeout, version, default=False)

    def set(self, key, value, timeout=None, version=None, **kwargs):
        return self._forgiven(self.forgives_writes, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=None, version=None):
        return self._forgiven(self.forgives_writes, super().set_many, data, timeout, version, default=list(data))

    def delete(self, key, version=None):
        return self._forgiven(self.forgives_writes, super().delete, key, version, default=False)

    def delete_many(self, keys, version=None):
        return self._forgiven(self.forgives_writes, super().delete_many, keys, version)
