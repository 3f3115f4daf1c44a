"""Open data: read-only JSON at `/api/v1/`, shaped after Open Referral HSDS 3."""
