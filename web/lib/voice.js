// Voice in and voice out for gloved hands: hold-to-talk fills the message box with what was heard (shown and editable
// before it is sent), and answers are read aloud when "Speak answers" is on (remembered on this phone). A hard stop
// cuts off whatever is being said and is spoken at once. Voice is a channel, not a permission: it approves nothing.

const SPEAK_KEY = "office.speakAnswers";

function recognitionClass() {
  return window.SpeechRecognition ?? window.webkitSpeechRecognition ?? null;
}

export function hasSpeechRecognition() {
  return recognitionClass() !== null;
}

/**
 * Wires the talk button, the speak toggle and the message box. Returns:
 * channelFor() — "voice" when the words in the box came from speech, else "web";
 * sent() — the box was sent; say(text) — read an answer aloud when speaking is on;
 * interrupt(text, { force }) — stop talking now and say this (a hard stop).
 */
export function setupVoice({ talk, speak, input, status }) {
  let fromVoice = false;
  const Recognition = recognitionClass();
  const synth = window.speechSynthesis ?? null;

  const tell = (text) => {
    if (status) status.textContent = text;
  };

  if (!Recognition) {
    talk.disabled = true;
    talk.dataset.voice = "unavailable";
    talk.textContent = "No voice input here: use your keyboard's microphone";
    talk.title = "This browser has no speech recognition. Tap the message box and use the keyboard's dictation key.";
  } else {
    talk.dataset.voice = "ready";
    let recognition = null;
    let before = "";
    const start = (event) => {
      event.preventDefault();
      if (recognition) return;
      recognition = new Recognition();
      recognition.lang = document.documentElement.lang || "en-US";
      recognition.interimResults = true;
      recognition.continuous = true;
      before = input.value.trim() === "" ? "" : `${input.value.trimEnd()} `;
      recognition.onresult = (result) => {
        let heard = "";
        for (const alternative of result.results) heard += alternative[0]?.transcript ?? "";
        input.value = before + heard.trim();
        fromVoice = input.value.trim() !== "";
        input.dispatchEvent(new Event("input", { bubbles: true }));
      };
      recognition.onerror = (failure) => {
        tell(
          failure.error === "not-allowed"
            ? "The microphone is blocked for this site; allow it, or use your keyboard's microphone."
            : `Voice input stopped (${failure.error}). You can type or use your keyboard's microphone.`,
        );
      };
      recognition.onend = () => {
        recognition = null;
        talk.setAttribute("aria-pressed", "false");
        talk.textContent = "Hold to talk";
        if (fromVoice) tell("Check what was heard, fix it if needed, then Send.");
        input.focus();
      };
      talk.setAttribute("aria-pressed", "true");
      talk.textContent = "Listening… let go to stop";
      tell("");
      try {
        recognition.start();
      } catch {
        recognition = null;
      }
    };
    const stop = () => recognition?.stop();
    talk.addEventListener("pointerdown", start);
    for (const name of ["pointerup", "pointerleave", "pointercancel"]) talk.addEventListener(name, stop);
    talk.addEventListener("contextmenu", (event) => event.preventDefault());
    talk.addEventListener("keydown", (event) => {
      if ((event.key === " " || event.key === "Enter") && !event.repeat) start(event);
    });
    talk.addEventListener("keyup", (event) => {
      if (event.key === " " || event.key === "Enter") stop();
    });
  }
  // Typing over the whole transcript makes it a typed message again.
  input.addEventListener("input", () => {
    if (input.value.trim() === "") fromVoice = false;
  });

  let speaking = localStorage.getItem(SPEAK_KEY) === "on";
  const renderSpeak = () => {
    speak.setAttribute("aria-pressed", speaking ? "true" : "false");
    speak.textContent = speaking ? "Speak answers: on" : "Speak answers: off";
  };
  if (!synth) {
    speaking = false;
    speak.disabled = true;
    speak.textContent = "No spoken answers in this browser";
  } else {
    renderSpeak();
    speak.addEventListener("click", () => {
      speaking = !speaking;
      localStorage.setItem(SPEAK_KEY, speaking ? "on" : "off");
      if (!speaking) synth.cancel();
      renderSpeak();
    });
  }

  const utter = (text) => {
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = document.documentElement.lang || "en-US";
    synth.speak(utterance);
  };

  return {
    channelFor: () => (fromVoice ? "voice" : "web"),
    sent() {
      fromVoice = false;
    },
    say(text) {
      if (!synth || !speaking || !text.trim()) return;
      utter(text);
    },
    /** A hard stop: whatever is being said is cut off. Spoken when answers are spoken or the words came by voice. */
    interrupt(text, { force = false } = {}) {
      if (!synth || !(speaking || force)) return;
      synth.cancel();
      utter(text);
    },
  };
}
