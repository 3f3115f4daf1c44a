"""Names kept in three languages on reference rows, picked by the active language."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TrilingualName(models.Model):
    name_nb = models.CharField(_("name (Bokmål)"), max_length=200)
    name_nn = models.CharField(_("name (Nynorsk)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "nb")[:2]
        return getattr(self, f"name_{language}", "") or self.name_nb
