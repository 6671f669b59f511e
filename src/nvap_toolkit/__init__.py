"""nvap: single-sourced NVAP Action Impact Toolkits and Police Covenant reports."""

__version__ = "0.2.0"
