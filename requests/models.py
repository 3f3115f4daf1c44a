# Help requests (henvendelser) arrive in a later issue; the app is installed so its URLs and
# migrations have a home from the start.
