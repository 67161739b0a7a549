from .agents import Agent, AgentUser
from .outlets import Outlet, OutletAssignment
from .requests import OutletRequest

__all__ = ["Agent", "AgentUser", "Outlet", "OutletAssignment", "OutletRequest"]
