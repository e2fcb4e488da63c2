"""Postcode to local authority, resolved in the browser."""
