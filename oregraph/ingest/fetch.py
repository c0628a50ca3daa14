"""Fetching ``http(s)://`` inputs: bounded, identified, and failing in one line.

Every request names oregraph and its version in ``User-Agent``, gives up after
a timeout, follows at most a few redirects and stops reading at the size
limit for one announcement. What goes wrong becomes an :class:`InputError`
that says what happened and what to do; nothing here retries or caches.

>>> USER_AGENT.startswith("oregraph/")
True
"""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx

from oregraph import __version__
from oregraph.errors import InputError
from oregraph.ingest.context import Document

__all__ = ["Fetcher", "USER_AGENT", "DEFAULT_TIMEOUT", "DEFAULT_MAX_REDIRECTS", "is_url"]

USER_AGENT = f"oregraph/{__version__} (+https://w3id.org/oregraph; reads mining and metals announcements)"
DEFAULT_TIMEOUT = 20.0  # seconds to connect, and between two reads
DEFAULT_MAX_REDIRECTS = 5
_ACCEPT = ("text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
           "application/xml;q=0.9, application/pdf, text/plain;q=0.8, */*;q=0.5")


def is_url(value: str) -> bool:
    """True for the inputs :class:`Fetcher` reads.

    >>> is_url("https://example.org/news.rss"), is_url("releases/a.txt"), is_url("https://[oops/a")
    (True, False, False)
    """
    try:
        parts = urlsplit(value)
    except ValueError:  # 'Invalid IPv6 URL' and the like: not an address we can fetch
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


class Fetcher:
    """An ``httpx.Client`` with oregraph's limits. Pass ``transport`` to serve pages in tests."""

    def __init__(self, *, max_bytes: int, timeout: float = DEFAULT_TIMEOUT,
                 max_redirects: int = DEFAULT_MAX_REDIRECTS,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.max_bytes = max_bytes
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT},
            timeout=httpx.Timeout(timeout),
            follow_redirects=True,
            max_redirects=max_redirects,
            transport=transport,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, name: str | None = None) -> Document:
        """The body of ``url`` as a :class:`Document` named after the final address."""
        name = name or url
        if not is_url(url):
            raise InputError(f"{name}: only http:// and https:// addresses can be fetched")
        try:
            with self._client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise InputError(
                        f"{name}: the server answered {response.status_code} "
                        f"{response.reason_phrase or ''}".rstrip()
                        + "; check the address, or save the page and ingest the file"
                    )
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise InputError(self._too_big(name, int(declared)))
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > self.max_bytes:
                        raise InputError(self._too_big(name, None))
                media_type, _, params = response.headers.get("content-type", "").partition(";")
                charset = None
                for param in params.split(";"):
                    key, _, value = param.strip().partition("=")
                    if key.lower() == "charset" and value:
                        charset = value.strip('"').lower()
                return Document(name=name, uri=str(response.url), data=bytes(body),
                                media_type=media_type.strip().lower() or None, charset=charset)
        except httpx.TooManyRedirects:
            raise InputError(f"{name}: more than {self._client.max_redirects} redirects; "
                             "give the final address instead") from None
        except httpx.TimeoutException:
            raise InputError(f"{name}: no answer within {self._client.timeout.read:g} seconds; "
                             "try again later, or save the page and ingest the file") from None
        except httpx.InvalidURL as exc:
            raise InputError(f"{name}: not a valid address ({exc})") from None
        except httpx.HTTPError as exc:  # connection refused, DNS failure, TLS error, bad protocol
            reason = str(exc) or type(exc).__name__
            raise InputError(f"{name}: cannot be fetched ({reason}); check the address and "
                             "the network, or save the page and ingest the file") from None

    def _too_big(self, name: str, size: int | None) -> str:
        what = f"{size:,} bytes is" if size is not None else "the answer is"
        return (f"{name}: {what} over the {self.max_bytes:,}-byte limit for one announcement "
                "(raise OREGRAPH_MAX_ANNOUNCEMENT_BYTES if it really is one)")
