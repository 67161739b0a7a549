from .stats import NodeDayStat, OutletMonthStat

__all__ = ["NodeDayStat", "OutletMonthStat"]
