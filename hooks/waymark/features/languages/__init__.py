"""Help in your language: interpreters, BSL, Relay UK, official translated lines, services by language."""
