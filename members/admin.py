from django.contrib import admin
from unfold.admin import ModelAdmin

from members.models import Reader


@admin.register(Reader)
class ReaderAdmin(ModelAdmin):
    list_display = ["nickname", "masked_phone", "phone_verified_at", "joined_at"]
    list_select_related = ["user"]
    list_filter = [("phone_verified_at", admin.EmptyFieldListFilter), "joined_at"]
    search_fields = ["nickname", "phone", "user__username"]
    readonly_fields = ["user", "phone", "phone_verified_at", "joined_at"]
    fields = ["user", "nickname", "phone", "phone_verified_at", "avatar", "joined_at"]

    @admin.display(description="手机号")
    def masked_phone(self, reader):
        return reader.masked_phone
