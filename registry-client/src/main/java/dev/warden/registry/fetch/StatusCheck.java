package dev.warden.registry.fetch;

/**
 * Sorts a response by its status: 200 and 304 are read, redirects followed (by the caller), 404 and 410
 * are {@code NOT_FOUND}, 5xx {@code SERVER_ERROR} (which the retrier repeats), anything else refused.
 */
final class StatusCheck {

    private StatusCheck() {
    }

    /**
     * @param conditional whether the request carried an ETag, which makes 304 a valid answer
     * @return the response, when it is 200, a 304 to a conditional request, or a redirect
     */
    static Exchange.Response accept(Exchange.Response response, boolean conditional) throws FetchException {
        int status = response.status();
        String url = response.uri().toASCIIString();
        if (status == 200 || isRedirect(status) || (status == 304 && conditional)) {
            return response;
        }
        if (status == 404 || status == 410) {
            throw new FetchException(FetchException.Kind.NOT_FOUND, url + ": not found (" + status
                    + "); check the marketplace location, or the marketplace is missing this file");
        }
        if (status >= 500 && status <= 599) {
            throw new FetchException(FetchException.Kind.SERVER_ERROR, url + ": the server failed (" + status
                    + "); the marketplace is having trouble, try again later");
        }
        throw new FetchException(FetchException.Kind.BAD_RESPONSE, url + ": the server answered " + status
                + ", which Warden cannot use; check the marketplace location and your access to it");
    }

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }
}
