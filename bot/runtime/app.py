"""The one place the application is assembled: settings, storage, handlers, jobs."""

from __future__ import annotations

import logging
from importlib import metadata
from typing import Any

from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationBuilder, ContextTypes, Defaults

from bot import backups, botname
from bot.delivery.limiter import Outbound
from bot.health import Heartbeat
from bot.runtime.context import BotContext, services_of
from bot.runtime.persistence import SqlitePersistence
from bot.runtime.processing import OnePersonAtATime
from bot.runtime.transport import AiohttpRequest, PollingRequest
from bot.services import Services
from bot.settings import Settings
from bot.updates import service as updates
from handlers import register_all
from handlers.menus import publish_menus

log = logging.getLogger(__name__)

AnyApplication = Application[Any, Any, Any, Any, Any, Any]
# Room for handlers' replies beside the delivery engine's requests in flight.
SPARE_CONNECTIONS = 8


def build_application(
    settings: Settings, builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any] | None = None
) -> AnyApplication:
    """Return the fully wired PTB Application; pass `builder` to inject a transport."""
    builder = builder or Application.builder()
    services = Services.create(settings)
    # Every call the bot makes shares this one budget: replies first, then bulk sends.
    outbound = Outbound(
        rate=30.0,  # Telegram's free limit, for everything
        paid_rate=settings.broadcast_rate if settings.paid_broadcast else 1000.0,
        bulk_rate=settings.send_rate,  # BROADCAST_RATE may hold broadcasts to less
    )
    # Each successful getUpdates is the heartbeat `unionbot status` reads (bot/health.py).
    heartbeat = Heartbeat(services.db, services.scheduler.clock)
    application = (
        builder.token(settings.token)
        .get_updates_request(PollingRequest(heartbeat.polled, connection_pool_size=1))
        .base_url(settings.bot_api_base_url)
        .base_file_url(settings.file_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=settings.tz))
        .context_types(ContextTypes(context=BotContext))
        .request(AiohttpRequest(settings.broadcast_concurrency + SPARE_CONNECTIONS))
        .rate_limiter(outbound)
        .post_init(on_startup)
        .post_stop(on_stop)
        .post_shutdown(on_shutdown)
        .persistence(SqlitePersistence(services.db))
        .concurrent_updates(OnePersonAtATime())
        .build()
    )
    services.scheduler.job_queue = application.job_queue
    services.delivery.attach(
        application.bot,
        outbound,
        rate=settings.send_rate,
        paid=settings.paid_broadcast,
        concurrency=settings.broadcast_concurrency,
    )
    application.bot_data["services"] = services
    backups.register_jobs(services)
    services.surveys.register_jobs()
    updates.register_jobs(services)
    register_all(application)
    return application


async def on_startup(application: AnyApplication) -> None:
    """Open and migrate the database, seed admins, publish menus, re-arm timers."""
    services = services_of(application)
    await services.db.connect()
    applied = await services.db.migrate()
    if applied:
        log.info("applied migrations: %s", ", ".join(applied))
    for telegram_id in sorted(services.settings.admin_ids):
        await services.members.ensure_admin(telegram_id)
    await services.faq.reload()
    await publish_menus(application.bot, services)
    await backups.ensure_daily(services)
    assert services.delivery.engine is not None
    await services.delivery.engine.start()
    armed = await services.scheduler.rearm()
    services.scheduler.watch()
    await services.surveys.start()
    # Remembered so `unionbot invites create` and posters need no network from now on.
    await botname.remember(services.db, application.bot.username, services.scheduler.clock())
    log.info(
        "unionbot %s started as @%s: database %s (schema %d), %d scheduled jobs armed",
        _version(),
        application.bot.username,
        services.settings.database_path,
        await services.db.schema_version(),
        armed,
    )


def _version() -> str:
    try:
        return metadata.version("unionbot")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "(not installed)"


async def on_stop(application: AnyApplication) -> None:
    """Let the delivery engine finish the copies in flight while the bot can still send."""
    engine = services_of(application).delivery.engine
    if engine is None:
        return
    try:
        await engine.stop()
    except Exception:  # shutting down must go on, or the database is never closed
        log.exception("the delivery engine did not stop cleanly; start-up resumes its copies")


async def on_shutdown(application: AnyApplication) -> None:
    """Close the database cleanly."""
    await services_of(application).db.close()
