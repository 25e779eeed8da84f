"""unknot: a guided interval timer for self-myofascial release in the terminal."""

__version__ = "0.1.0"
