# Skeleton placeholders, replaced by the catalogue implementation.
from django.http import HttpResponse


def public_list(request):
    return HttpResponse("catalogue")


programme_list = enquiry_list = public_list
