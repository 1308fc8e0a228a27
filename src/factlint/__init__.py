"""factlint: finds figures and dates that disagree across and inside written sources."""

__version__ = "0.2.0"
