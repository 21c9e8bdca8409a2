"""Reading what departments send back (Excel forms, Word packets)."""
