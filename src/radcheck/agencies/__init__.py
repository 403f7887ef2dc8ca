"""Agencies named in the annex: splitting agency cells into names (resolution lives beside it)."""
