package dev.rideops.clients.search;

import dev.rideops.clients.ClientException;
import dev.rideops.clients.http.RestCalls;
import dev.rideops.contract.JobJar;
import dev.rideops.contract.SearchIndexes;
import java.io.IOException;
import java.nio.file.Path;

/** Deploy's side of the one index creator ({@link SearchIndexes}): the mapping from the jar it deploys. */
public final class SearchIndexSetup {

    private SearchIndexSetup() {}

    /** Returns what it did. An existing {@code driver_locations} gets the jar's dynamic settings. */
    public static String apply(Path jobJar, RestCalls search) {
        try {
            return SearchIndexes.ensure(api(search), JobJar.at(jobJar));
        } catch (JobJar.MissingResourceException e) {
            throw new ClientException(e.getMessage(), "rebuild: ./mvnw -DskipTests package");
        } catch (IOException e) {
            throw new ClientException("cannot read " + jobJar + ": " + e.getMessage(), "rebuild the job jar");
        }
    }

    private static SearchIndexes.Api api(RestCalls search) {
        return new SearchIndexes.Api() {
            @Override
            public boolean exists(String path) {
                return search.exists(path);
            }

            @Override
            public void put(String path, String json) {
                search.putJson(path, json);
            }
        };
    }
}
