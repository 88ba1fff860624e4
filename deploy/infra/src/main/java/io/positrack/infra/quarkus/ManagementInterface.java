package io.positrack.infra.quarkus;

import io.quarkus.test.common.http.TestHTTPResourceManager;

/**
 * The management interface of the application under a {@code @QuarkusTest}: health, metrics and OpenAPI answer
 * there, on a port of their own ({@code quarkus.management.test-port=0}), not on the API port RestAssured uses.
 */
public final class ManagementInterface {

    private ManagementInterface() {
    }

    /** The same for the packaged application of a {@code @QuarkusIntegrationTest}. */
    public static String packagedUrl(String path) {
        return "http://localhost:" + PositrackTestInfrastructure.packagedManagementPort() + path;
    }

    /** An absolute URL on the management interface, e.g. {@code url("/q/health/ready")}. */
    public static String url(String path) {
        String base = TestHTTPResourceManager.getManagementUri();
        // The configured URI ends with the root path ("/q"); callers name the full path as documented.
        String root = base.endsWith("/q") ? base.substring(0, base.length() - 2) : base.replaceAll("/+$", "");
        return root + path;
    }
}
