"""The departments' forms: one Excel workbook per 担当課, one sheet per 施策,
laid out like the 施策's spread (planbook.builders.forms writes them,
planbook.intake reads them back)."""
