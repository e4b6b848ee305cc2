package dev.lectern.auth.token;

import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SigningKeyController {

    record RotationResult(String activeKid, List<String> publishedKids) {
    }

    private final SigningKeyStore keys;

    SigningKeyController(SigningKeyStore keys) {
        this.keys = keys;
    }

    /** Admin only (see the URL rule): a new key signs from now on; older ones still verify. */
    @PostMapping("/api/v1/admin/signing-keys/rotate")
    RotationResult rotate() {
        String kid = keys.rotate();
        return new RotationResult(kid, keys.publishedKeys().stream().map(SigningKeyStore.PublishedKey::kid).toList());
    }
}
