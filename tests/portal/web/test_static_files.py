from django.core.management import call_command


def test_collectstatic_with_the_production_storage_finds_every_referenced_file(settings, tmp_path):
    """The manifest storage fails on a CSS url() to a file that is not there (fonts, maps)."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("vendor/designsystemet/src/index.*.css"))
    assert list(tmp_path.glob("vendor/inter/inter-latin-400-normal.*.woff2"))
