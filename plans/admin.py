from django.contrib import admin

from .models import Counsellor

# Plans are private, like the results they come from: nothing here lists them. An editor makes a person a
# counsellor by putting their user account in the "counsellors" group; their code is made when they first
# sign in, and shown here so an editor can give it again.


@admin.register(Counsellor)
class CounsellorAdmin(admin.ModelAdmin):
    list_display = ["__str__", "code", "user"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "code"]
    readonly_fields = ["user", "code"]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False
