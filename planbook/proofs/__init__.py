"""Proofreading rounds (初校・再校…): the record of each round (rounds.py),
stable paragraph ids (ids.py), the proof's summary and packet sheets
(sheet.py) and the read-only git access that finds older versions (gitrev.py)."""
