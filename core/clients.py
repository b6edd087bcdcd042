"""The address of the client behind the documented reverse proxy (site/nginx.conf).

Behind nginx every request reaches gunicorn from 127.0.0.1; nginx appends the address it saw to
``X-Forwarded-For`` (``$proxy_add_x_forwarded_for``). Whatever a client writes in that header itself
stays to the left of what the proxy appended, so the header is read from the right, and only as far
as each hop was told by a trusted proxy (``TRUSTED_PROXIES``): a client that reaches the application
directly, or forges the header, is known by the address of its own connection.

Login throttling (django-axes, ``AXES_CLIENT_IP_CALLABLE``), page passwords and sign-up limits all key
on ``limited_address``, built on this one function.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(trusted):
    if "*" in trusted:
        return None  # every peer is a proxy (gunicorn's FORWARDED_ALLOW_IPS="*")
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in trusted)


def _address(text):
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    return getattr(address, "ipv4_mapped", None) or address


def _trusted(address):
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    return address is not None and (networks is None or any(address in network for network in networks))


def client_address(request):
    """The client's address as a string: the connection's, or the one a trusted proxy vouches for."""
    peer = request.META.get("REMOTE_ADDR", "")
    address = _address(peer)
    if address is None:
        return peer
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    while hops and _trusted(address):
        told = _address(hops.pop())
        if told is None:
            break  # a garbled entry: keep the last hop that a trusted proxy vouched for
        address = told
    return str(address)


def limited_address(request):
    """What rate limits count by: the client's address, or for IPv6 its /64 network (as its base address).

    One IPv6 subscriber usually holds a whole /64 and may pick a new address in it for every request;
    counting by address would give them 2^64 fresh starts.
    """
    text = client_address(request)
    address = _address(text)
    if address is None or address.version == 4:
        return text
    return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
