vcl 4.1;
# Varnish in front of `make serve` (gunicorn), purged by the site itself.
#
# The site marks every shareable page with Cache-Control (s-maxage,
# stale-while-revalidate), an ETag and X-Depends: the names of what it shows
# (core.kept). When content changes it sends `BAN /` with X-Stale: <names>
# (core.proxies, PROXY_PURGE_URLS=http://127.0.0.1:6081/), and every stored
# page depending on one of those names goes at once.
#
# The backend address is written by whoever starts varnishd (see the README,
# "Production", and tests/faults/test_varnish_purge.py).

backend default {
    .host = "BACKEND_HOST";
    .port = "BACKEND_PORT";
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
}

# Only the app servers may ban: list their addresses here.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "BAN") {
        if (!client.ip ~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.http.X-Stale !~ "^[A-Za-z0-9:_, -]+$") {
            return (synth(400, "X-Stale must list names"));
        }
        # X-Depends lists names separated by commas; a ban expression's regex
        # cannot hold a space (nor can quoting it help).
        ban("obj.http.X-Depends ~ (^|,)(" + regsuball(req.http.X-Stale, "[ ,]+", "|") + ")(,|$)");
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Staff and readers with a session get pages built for them.
    if (req.http.Cookie ~ "(^|; *)(sessionid|messages)=") {
        return (pass);
    }
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # Pages the site marks shareable keep its s-maxage and
    # stale-while-revalidate (Varnish reads both); everything else passes.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "public") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
}

sub vcl_deliver {
    # The names are for bans, not for readers.
    unset resp.http.X-Depends;
}
