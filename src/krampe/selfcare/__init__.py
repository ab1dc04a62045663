"""Self-care: the acute guide, the exercise library, the programme and its calendar export."""

from krampe.selfcare.calendar import plan_to_ics
from krampe.selfcare.exercises import exercise, exercises
from krampe.selfcare.guide import acute_guide
from krampe.selfcare.models import AcuteGuide, Exercise, Plan, Profile
from krampe.selfcare.plan import build_plan

__all__ = [
    "AcuteGuide",
    "Exercise",
    "Plan",
    "Profile",
    "acute_guide",
    "build_plan",
    "exercise",
    "exercises",
    "plan_to_ics",
]
