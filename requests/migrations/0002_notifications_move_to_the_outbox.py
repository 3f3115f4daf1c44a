"""Request emails move to the portal's one outbox; unsent ones are carried over, not lost."""

from django.db import migrations


def carry_over_unsent(apps, schema_editor):
    notification = apps.get_model("helprequests", "Notification")
    outbox_email = apps.get_model("portal", "OutboxEmail")
    outbox_email.objects.bulk_create(
        outbox_email(
            recipient=row.recipient,
            subject=row.subject,
            body=row.body,
            about=f"helprequest:{row.help_request_id}" if row.help_request_id else "",
            created_at=row.created_at,
            attempts=row.attempts,
            next_attempt_at=row.next_attempt_at,
            last_error=row.last_error,
        )
        for row in notification.objects.filter(sent_at__isnull=True)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("helprequests", "0001_initial"),
        ("portal", "0004_outboxemail"),
    ]

    operations = [
        migrations.RunPython(carry_over_unsent, migrations.RunPython.noop),
        migrations.DeleteModel(name="Notification"),
    ]
