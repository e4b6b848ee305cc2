package dev.lectern.muxemulator;

import dev.lectern.muxemulator.Store.KeyState;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;

/** URL-signing keys: Mux generates the pair, hands out the private half once and keeps the public half. */
final class SigningKeys {

    private final Store store;

    SigningKeys(Store store) {
        this.store = store;
    }

    SigningKey create() {
        KeyPair pair = Keys.generate();
        String id = Ids.signingKey();
        register(id, (RSAPublicKey) pair.getPublic());
        return new SigningKey(id, Keys.muxPrivateKey(pair));
    }

    void register(String id, RSAPublicKey key) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a key id is required");
        }
        store.put(new KeyState(id, Keys.encodePublic(key), System.currentTimeMillis() / 1000));
    }
}
