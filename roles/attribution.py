"""ESCO's attribution, which its terms ask for wherever its data is shown (Commission Decision 2011/833/EU): one
wording for the pages (templates/includes/esco_attribution.html) and the API (`attribution`)."""

from django.utils.translation import gettext_lazy as _

ESCO_URL = "https://esco.ec.europa.eu/"
# ESCO's own French name for itself: « classification européenne des aptitudes, compétences, certifications et
# professions ».
ESCO_CREDIT = _("ESCO — classification européenne des aptitudes, compétences, certifications et professions, © Union européenne")


def esco_attribution() -> str:
    """The credit and ESCO's address, in the current language, as the API gives it."""
    return f"{ESCO_CREDIT}, {ESCO_URL}"
