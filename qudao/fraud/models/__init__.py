from .flags import FraudFlag, OutletRisk
from .rules import FraudPolicy, FraudRule
from .runs import ScreeningRun

__all__ = ["FraudFlag", "FraudPolicy", "FraudRule", "OutletRisk", "ScreeningRun"]
