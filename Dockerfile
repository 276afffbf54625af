FROM python:3.12-slim-trixie

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1

# WeasyPrint needs Pango; Noto CJK gives Chinese PDFs their glyphs; gettext compiles translations;
# postgresql-client (17 on trixie) gives `manage.py backup` a pg_dump new enough for the postgres:16 service.
# The Fandol fonts (仿宋, 楷体, 黑体, 宋体) set official documents when the union uploaded no font of its own.
COPY scripts/install-fandol-fonts /tmp/install-fandol-fonts
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk gettext postgresql-client \
 && /tmp/install-fandol-fonts \
 && rm -rf /var/lib/apt/lists/* /tmp/install-fandol-fonts

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
RUN DJANGO_SECRET_KEY=build-only python manage.py collectstatic --noinput \
 && python manage.py compilemessages --ignore=.venv \
 && useradd --system --home /app union \
 && mkdir -p /app/var/media /app/var/backups \
 && chown -R union /app/var

USER union
EXPOSE 8000
CMD ["scripts/start-web"]
