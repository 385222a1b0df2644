"""Settings split by environment: ``base`` (safe defaults), ``dev``, ``test``, ``production``."""
