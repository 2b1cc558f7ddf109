"""Waiting for a picture: a visible <img> may still be loading its file."""


def natural_width(picture):
    """The width of the file a picture shows once the browser is done loading it (0 if it failed)."""
    picture.scroll_into_view_if_needed()  # a lazy picture loads once in view
    return picture.evaluate(
        """async (img) => {
            if (!img.complete) await new Promise((done) => {
                img.addEventListener("load", done, { once: true });
                img.addEventListener("error", done, { once: true });
            });
            return img.naturalWidth;
        }"""
    )
