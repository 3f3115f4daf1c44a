"""The regional overview for county governor advisers and centre staff (`/oversikt/`)."""
