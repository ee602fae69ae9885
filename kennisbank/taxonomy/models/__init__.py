from .content import ContentLabel, ContentPage
from .pages import ThemePage, TopicPage
from .relations import PageTopic, Sector

__all__ = ["ContentLabel", "ContentPage", "PageTopic", "Sector", "ThemePage", "TopicPage"]
