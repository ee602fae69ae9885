from .content import ContentPage
from .pages import ThemePage, TopicPage
from .relations import PageTopic, Sector

__all__ = ["ContentPage", "PageTopic", "Sector", "ThemePage", "TopicPage"]
