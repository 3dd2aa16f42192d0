"""schema.org JSON-LD for a page: the Organization (home), NewsArticle (news), Event (events).

Only facts from content: a field that is unknown is left out, never filled with a guess.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..content import Item
from ..content.models import TIME_ZONE
from ..site_view import SiteView



def _when(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=TIME_ZONE).isoformat()
    return value.isoformat()


def organization(view: SiteView, site_url: str) -> dict[str, Any]:
    site, t = view.site, view.t
    data: dict[str, Any] = {
        "@type": "Organization",
        "name": t.pick(site.name),
        "alternateName": site.short_name,
        "url": site_url,
        **({"description": t.pick(site.tagline)} if site.tagline else {}),
        **({"foundingDate": site.founding.date.isoformat(), "foundingLocation": {"@type": "Place", "name": site.founding.place}}
           if site.founding else {}),
    }
    if site.contact.email:
        data["email"] = site.contact.email
    address = site.contact.address
    if address and address.city:
        data["address"] = {"@type": "PostalAddress", **{
            key: value for key, value in (("streetAddress", address.street), ("postalCode", address.postal_code),
                                          ("addressLocality", address.city)) if value}}
    data["member"] = [
        {"@type": "Organization", "name": t.pick(m.name), **({"url": m.website} if m.website else {})}
        for m in view.members.values()
    ]
    return data


def news_article(view: SiteView, item: Item, page_url: str, site_url: str) -> dict[str, Any]:
    front = item.front
    data: dict[str, Any] = {
        "@type": "NewsArticle",
        "headline": front.title,
        "description": front.summary,
        # Only a real publication date is claimed as one (date_of: event is the event's day).
        **({"datePublished": front.date.isoformat(), "dateModified": (front.updated or front.date).isoformat()}
           if front.date_of.value == "publication" else {}),
        "inLanguage": view.lang,
        "url": page_url,
        "mainEntityOfPage": page_url,
        "publisher": {"@type": "Organization", "name": view.t.pick(view.site.name), "url": site_url},
        "keywords": [view.tag_label(tag) for tag in front.tags],
    }
    if front.source:  # a report by others: our text is a summary based on their work (not by them)
        data["isBasedOn"] = {"@type": "CreativeWork", "publisher": {"@type": "Organization", "name": front.source.name},
                             **({"url": front.source.url} if front.source.url else {})}
    data.update(_image(view, front, site_url))
    return data


def _image(view: SiteView, front: Any, site_url: str) -> dict[str, str]:
    """The item's picture, as its widest version in the most widely supported format."""
    picture = view.picture(front.image.src) if front.image is not None else None
    return {"image": site_url + picture.fallback.path} if picture is not None else {}


def event(view: SiteView, item: Item, page_url: str, site_url: str) -> dict[str, Any]:
    front = item.front
    places: list[dict[str, Any]] = []
    if front.location:
        place: dict[str, Any] = {"@type": "Place", "name": front.location.venue or front.location.city or ""}
        address = {key: value for key, value in (("streetAddress", front.location.address), ("addressLocality", front.location.city)) if value}
        if address:
            place["address"] = {"@type": "PostalAddress", **address}
        places.append(place)
    if front.online:
        places.append({"@type": "VirtualLocation", "url": front.join_url or front.url or page_url})
    mode = ("Mixed" if front.location and front.online else "Online" if front.online else "Offline") + "EventAttendanceMode"
    data: dict[str, Any] = {
        "@type": "Event",
        "name": front.title,
        "description": front.summary,
        "startDate": _when(front.start),
        "endDate": _when(front.end or front.start),
        "eventStatus": "https://schema.org/" + {"scheduled": "EventScheduled", "cancelled": "EventCancelled",
                                                 "postponed": "EventPostponed"}[front.status.value],
        "eventAttendanceMode": f"https://schema.org/{mode}",
        "location": places[0] if len(places) == 1 else places,
        "inLanguage": view.lang,
        "url": page_url,
    }
    if front.organizer:
        data["organizer"] = {"@type": "Organization", "name": front.organizer}
    data.update(_image(view, front, site_url))
    return data


def for_page(view: SiteView, template: str, item: Item | None, page_url: str, site_url: str) -> dict[str, Any] | None:
    if template == "home.html":
        data = organization(view, site_url)
    elif template == "news_item.html" and item is not None:
        data = news_article(view, item, page_url, site_url)
    elif template == "event.html" and item is not None:
        data = event(view, item, page_url, site_url)
    else:
        return None
    return {"@context": "https://schema.org", **data}
