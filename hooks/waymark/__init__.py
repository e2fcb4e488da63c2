"""Waymark: load, validate and render the domestic abuse and sexual violence directory."""
