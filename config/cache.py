"""Django's Redis cache, with one Redis client per connection pool instead of one per call.

Django builds a new ``redis.Redis`` for every cache call, and building one copies redis-py's
table of reply callbacks: 0.06 ms, as much as the GET itself over a local socket, a dozen
times on every page. A client only borrows connections from its pool, so one per pool is
kept (Django already keeps one cache object per thread).
"""

from django.core.cache.backends import redis


class SharedClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClient
