"""The clinic edition: a clinic's profile, its booking on a result, its embed snippet."""

from krampe.clinic.booking import booking, offers_booking
from krampe.clinic.profile import ENV, ClinicProfile, ClinicProfileError, load

__all__ = ["ENV", "ClinicProfile", "ClinicProfileError", "booking", "load",
           "offers_booking"]
