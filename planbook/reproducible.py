"""Same input, same bytes: the one date planbook writes into its files.

Dates inside the outputs (the DOCX's properties and the time stamps of its
zip entries) come from SOURCE_DATE_EPOCH when it is set
(https://reproducible-builds.org/specs/source-date-epoch/), otherwise from a
fixed date, FALLBACK, never from the clock: building the same source twice,
or from another folder, gives byte-identical files. The one date a person
means to change, a proof's date, is --date, else SOURCE_DATE_EPOCH's day,
else today (`today`)."""
from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

ENV = "SOURCE_DATE_EPOCH"
FALLBACK = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)     # the zip format's first day
_ZIP_LAST = dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=dt.timezone.utc)


class SettingError(ValueError):
    """SOURCE_DATE_EPOCH cannot be used; the message is Japanese."""


def build_time() -> dt.datetime:
    """SOURCE_DATE_EPOCH (UTC), else FALLBACK."""
    raw = os.environ.get(ENV)
    if raw is None or raw.strip() == "":
        return FALLBACK
    value = raw.strip()
    if not value.isdigit():
        raise SettingError(f"環境変数 {ENV} には 1970-01-01 からの秒数を半角数字で書いてください"
                           f"（いまは「{value[:40]}」）。")
    when = dt.datetime.fromtimestamp(0, dt.timezone.utc) + dt.timedelta(seconds=int(value[:12]))
    if len(value) > 12 or when > _ZIP_LAST:
        raise SettingError(f"環境変数 {ENV} の日時が大きすぎます（2107 年まで）。")
    return when


def today() -> dt.date:
    """A proof's default date: SOURCE_DATE_EPOCH's day when set, else today."""
    if os.environ.get(ENV, "").strip():
        return build_time().date()
    return dt.date.today()


def check_setting() -> str | None:
    """The Japanese message when SOURCE_DATE_EPOCH cannot be used, else None."""
    try:
        build_time()
    except SettingError as e:
        return str(e)
    return None


def zip_time() -> tuple[int, int, int, int, int, int]:
    """build_time() as a zip entry's date_time (the zip format starts in 1980)."""
    when = max(build_time(), FALLBACK)
    return (when.year, when.month, when.day, when.hour, when.minute, when.second)


def normalise_zip(data: bytes) -> bytes:
    """The same zip with every entry's time stamp zip_time() and plain file
    permissions: nothing in it depends on when or where it was written."""
    stamp = zip_time()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()
