"""What the L and X rules know about Indonesian legal drafting, as plain functions over text.

- ``numbers``: Indonesian number words ("dua belas", "dua puluh lima", "seratus") and the
  ``12 (dua belas)`` pairs of a regulation's body;
- ``references``: cross-references ("sebagaimana dimaksud pada ayat (1)", "dalam Pasal 5 ayat (2)
  huruf b", "huruf a sampai dengan huruf c") and the provision tree they point into;
- ``hierarchy``: the ranks of regulation kinds (UU 12/2011 Pasal 7 and 8), loaded from ``rules/hierarchy.yaml``;
- ``terms``: meaning-bearing words, definitions compared with what they define, abbreviations.

Nothing here reads files except the data loaders, and nothing judges: rules do.
"""
