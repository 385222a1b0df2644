"""One attempt counter for every rate limit (pamong.ratelimit), also behind the API token throttle."""

from concurrent.futures import ThreadPoolExecutor

from django.test import RequestFactory

from pamong.api.views import TokenThrottle
from pamong.ratelimit import attempt_limit_exceeded


def test_attempts_counted_at_once_are_all_counted():
    """Eight clients hammering one key at once: exactly ``limit`` attempts get through, none is lost
    to a read-then-write race (the counter is one atomic increment in the shared cache)."""

    def attempt(_):
        return attempt_limit_exceeded(key="test:burst", limit=100, window=60)

    with ThreadPoolExecutor(max_workers=8) as pool:
        refused = list(pool.map(attempt, range(200)))
    assert refused.count(False) == 100
    assert refused.count(True) == 100


def test_keys_and_windows_are_separate():
    assert not attempt_limit_exceeded(key="test:a", limit=1, window=60)
    assert attempt_limit_exceeded(key="test:a", limit=1, window=60)
    assert not attempt_limit_exceeded(key="test:b", limit=1, window=60)


def test_the_token_throttle_counts_through_the_shared_counter(settings):
    settings.PAMONG_TRUSTED_PROXIES = 0
    request = RequestFactory().post("/api/v1/token/", REMOTE_ADDR="10.9.8.7")
    allowed = [TokenThrottle().allow_request(request, None) for _ in range(11)]
    assert allowed == [True] * 10 + [False]  # DEFAULT_THROTTLE_RATES["token"]: 10/minute
    assert TokenThrottle().wait() == 60
    other = RequestFactory().post("/api/v1/token/", REMOTE_ADDR="10.9.8.8")
    assert TokenThrottle().allow_request(other, None)
