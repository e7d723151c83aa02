"""Schemathesis hooks for the API fuzz run (ApiFuzzEndToEndTest loads them through SCHEMATHESIS_HOOKS).

- session times: the API's local date-times (format local-date-time) are drawn as real dates, so bookings are made;
- If-Match: the config's If-Match dictionary holds the sentinel CURRENT; a request carrying it is sent with the ETag
  last seen for its record, so that updates and lifecycle steps get past 412 and reach the code behind them;
- a CPython 3.11 bug that would fail test cases for nothing.
"""
import re
import threading
from datetime import datetime

import hypothesis.internal.lambda_sources as lambda_sources
import schemathesis
from hypothesis import strategies as st

# ---- session times: yyyy-MM-ddTHH:mm[:ss], mostly in the years the seeded authorizations cover, sometimes anywhere.
_near = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31, 23, 59))
_far = st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59))
schemathesis.openapi.format(
    "local-date-time",
    st.one_of(_near, _near, _near, _far).map(lambda d: d.isoformat(timespec="minutes" if d.second % 2 else "seconds")))

# ---- If-Match: the ETag last answered for a record, by the record's path.
CURRENT = "CURRENT"
_RECORD = re.compile(r"^(/patients/[^/]+/(?:coverages|authorizations)/[^/]+|/(?:patients|payers|providers|appointments|notes"
                     r"|claims|integrations|inbound-deliveries)/[^/]+|/settings|/billing-profile|/fee-schedule)(?:/.*)?$")
_etags = {}
_lock = threading.Lock()


def _record(path):
    match = _RECORD.match(path.split("?", 1)[0])
    return match.group(1) if match else None


@schemathesis.hook
def before_call(context, case, kwargs):
    if case.headers and case.headers.get("If-Match") == CURRENT:
        with _lock:
            etag = _etags.get(_record(case.formatted_path), '"1"')
        case.headers["If-Match"] = etag
        headers = kwargs.get("headers")
        if headers is not None:
            headers["If-Match"] = etag


@schemathesis.hook
def after_call(context, case, response):
    etag = (response.headers.get("etag") or [None])[0]
    if not etag or response.status_code >= 300:
        return
    location = (response.headers.get("location") or [None])[0]
    record = _record(location) if location else _record(case.formatted_path)
    if record:
        with _lock:
            _etags[record] = etag


# ---- CPython 3.11 before 3.11.8 can raise "SystemError: AST constructor recursion depth mismatch" when ast.parse runs
# deep in a worker thread (python/cpython#106905). Hypothesis calls it only to describe a filter's lambda in a strategy's
# repr; the description is cosmetic, so an unknown one is answered instead of failing the test case.
_describe = lambda_sources.lambda_description


def _lambda_description(f):
    try:
        return _describe(f)
    except SystemError:
        return "lambda: <unknown>"


lambda_sources.lambda_description = _lambda_description
