"""oregraph: a knowledge graph of who owns, runs and partners with whom in mining and metals."""

__version__ = "0.1.0"
