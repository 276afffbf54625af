from django.core.paginator import Paginator

PER_PAGE = 25


def paginate(request, object_list, per_page=PER_PAGE):
    """The requested page of a list; a bad or too large page number gives the nearest valid page."""
    return Paginator(object_list, per_page).get_page(request.GET.get("page"))
