"""Settings per environment: dev (default), test, production."""
