"""The demo's video, in a real browser: it plays, its captions show, and a
search for a phrase of its narration links to the moment it is said."""

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAY = """async () => {
  const video = document.querySelector("video");
  video.muted = true;
  await video.play();
  await new Promise(done => setTimeout(done, 2500));
  const track = video.textTracks[0];
  return {playing: !video.paused && video.currentTime > 1, error: video.error && video.error.code,
          mode: track && track.mode, cues: track && track.cues ? track.cues.length : 0,
          said: track && track.activeCues && track.activeCues.length ? track.activeCues[0].text : ""};
}"""


def test_the_demo_video_plays_with_captions_and_search_finds_the_moment(
        browser, live_server, clean_search_index, settings, tmp_path):
    from tests.accessibility.archive import ensure_wagtail_roots

    # Files on disk, so the live server can send the video as a browser asks for it.
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    settings.MEDIA_ROOT = tmp_path
    ensure_wagtail_roots()
    call_command("load_demo", verbosity=0)
    page = browser.new_context(locale="es-MX", viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(15_000)

    page.goto(live_server.url + '/buscar/?q="organo garante en un proceso local"')
    moment = page.locator('.search-hits a[href*="#t="]').first
    href = moment.get_attribute("href")
    assert ".webm#t=" in href and "minuto 0:" in moment.inner_text()
    seconds = int(href.rsplit("#t=", 1)[1])

    page.goto(live_server.url + "/videos/sesion-preguntas-respuestas-grupo-asesor-2021-video/")
    state = page.evaluate(PLAY)
    assert state["error"] is None and state["playing"], state
    assert state["mode"] == "showing" and state["cues"] > 40
    assert state["said"].startswith("Demostración"), state
    # The moment the search named is where the phrase is said.
    said = page.evaluate(f"""() => [...document.querySelector("video").textTracks[0].cues]
        .filter(cue => cue.endTime >= {seconds} && cue.startTime <= {seconds} + 8).map(cue => cue.text).join(" ")""")
    assert "garante en un proceso local" in " ".join(said.lower().split()), (seconds, said)
