from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'guide.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_m = missing
    pass
    parent_template = environment.get_template('base.html', 'guide.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    l_0_m = context.vars['m'] = environment.get_template('macros.html', 'guide.html').make_module(context.get_all(), True, {'m': l_0_m})
    context.exported_vars.discard('m')
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_guide = resolve('guide')
    l_0_config = resolve('config')
    pass
    yield escape(environment.getattr((undefined(name='guide') if l_0_guide is missing else l_0_guide), 'title'))
    yield ' · '
    yield escape(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'site_title'))

def block_og_type(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield 'article'

def block_head(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_jsonld = resolve('jsonld')
    pass
    if (undefined(name='jsonld') if l_0_jsonld is missing else l_0_jsonld):
        pass
        yield '<script type="application/ld+json">'
        yield escape((undefined(name='jsonld') if l_0_jsonld is missing else l_0_jsonld))
        yield '</script>\n'

def block_body_class(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield 'tg-page tg-guide'

def block_nav(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_guide = resolve('guide')
    l_0_m = resolve('m')
    l_0_t = resolve('t')
    l_0_listing = resolve('listing')
    l_0_product_name = resolve('product_name')
    l_0_language_name = resolve('language_name')
    l_0_p = missing
    pass
    l_0_p = environment.getattr((undefined(name='guide') if l_0_guide is missing else l_0_guide), 'permalink')
    _block_vars['p'] = l_0_p
    yield escape(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'crumbs'), (undefined(name='t') if l_0_t is missing else l_0_t), (undefined(name='listing') if l_0_listing is missing else l_0_listing), (markup_join(((undefined(name='product_name') if l_0_product_name is missing else l_0_product_name), ' · ', context.call((undefined(name='language_name') if l_0_language_name is missing else l_0_language_name), environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'lang'), _block_vars=_block_vars), ' · ', environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'version'), )) if (undefined(name='listing') if l_0_listing is missing else l_0_listing) else ''), _block_vars=_block_vars))
    yield '\n'

def block_content(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_translation_notice = resolve('translation_notice')
    l_0_n = resolve('n')
    l_0_t = resolve('t')
    l_0_url = resolve('url')
    l_0_language_name = resolve('language_name')
    l_0_m = resolve('m')
    l_0_guide = resolve('guide')
    l_0_leaves = missing
    try:
        t_1 = environment.filters['format']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'format' found.")
    try:
        t_2 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_3 = environment.filters['localize']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'localize' found.")
    try:
        t_4 = environment.filters['replace']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'replace' found.")
    try:
        t_5 = environment.filters['striptags']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'striptags' found.")
    try:
        t_6 = environment.filters['tojson']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'tojson' found.")
    pass
    if (undefined(name='translation_notice') if l_0_translation_notice is missing else l_0_translation_notice):
        pass
        l_0_n = (undefined(name='translation_notice') if l_0_translation_notice is missing else l_0_translation_notice)
        _block_vars['n'] = l_0_n
        yield '<p class="tg-translation-notice" role="note" data-translation-status="'
        yield escape(environment.getattr((undefined(name='n') if l_0_n is missing else l_0_n), 'status'))
        yield '">'
        yield escape(environment.getitem((undefined(name='t') if l_0_t is missing else l_0_t), markup_join(('translation_', environment.getattr((undefined(name='n') if l_0_n is missing else l_0_n), 'status'), ))))
        yield ' <a href="'
        yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), environment.getattr((undefined(name='n') if l_0_n is missing else l_0_n), 'target'), _block_vars=_block_vars))
        yield '" hreflang="'
        yield escape(environment.getattr((undefined(name='n') if l_0_n is missing else l_0_n), 'lang'))
        yield '">'
        yield escape(t_4(context.eval_ctx, environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'translation_source'), '{language}', context.call((undefined(name='language_name') if l_0_language_name is missing else l_0_language_name), environment.getattr((undefined(name='n') if l_0_n is missing else l_0_n), 'lang'), _block_vars=_block_vars)))
        yield '</a></p>\n'
    l_0_leaves = context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'leaves'), (undefined(name='t') if l_0_t is missing else l_0_t), _block_vars=_block_vars)
    _block_vars['leaves'] = l_0_leaves
    yield '<p class="tg-label">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'topic_guide'))
    yield '</p>\n<h1 class="tg-heading">'
    yield escape(environment.getattr((undefined(name='guide') if l_0_guide is missing else l_0_guide), 'heading'))
    yield '</h1>\n'
    if environment.getattr((undefined(name='guide') if l_0_guide is missing else l_0_guide), 'summary_html'):
        pass
        yield '<div class="tg-summary">'
        yield escape(t_3(context, environment.getattr((undefined(name='guide') if l_0_guide is missing else l_0_guide), 'summary_html')))
        yield '</div>'
    for l_1_section in environment.getattr((undefined(name='guide') if l_0_guide is missing else l_0_guide), 'sections'):
        _loop_vars = {}
        pass
        if (environment.getattr(l_1_section, 'kind') == 'intro'):
            pass
            yield '<details class="tg-section tg-intro"'
            if environment.getattr(l_1_section, 'open'):
                pass
                yield ' open'
            yield '>\n<summary><span class="tg-summary-text">'
            yield escape((environment.getattr(l_1_section, 'label') or environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'introduction')))
            yield '</span></summary>\n<div class="tg-section-body">\n'
            yield escape(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'video'), environment.getattr(l_1_section, 'video'), (undefined(name='t') if l_0_t is missing else l_0_t), 2, _loop_vars=_loop_vars))
            yield '\n</div>\n</details>\n'
        elif (environment.getattr(l_1_section, 'kind') == 'faqs'):
            pass
            yield '<details class="tg-section tg-faqs"'
            if environment.getattr(l_1_section, 'open'):
                pass
                yield ' open'
            yield '>\n<summary><span class="tg-summary-text">'
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'faqs'))
            yield '</span> <span class="count">('
            yield escape(t_1('%02d', t_2(environment.getattr(l_1_section, 'items'))))
            yield ')</span></summary>\n<ul class="tg-section-body tg-faq-list">\n'
            for l_2_faq in environment.getattr(l_1_section, 'items'):
                l_2_href = resolve('href')
                l_2_link = resolve('link')
                _loop_vars = {}
                pass
                if (environment.getattr(l_2_faq, 'kind') == 'answer'):
                    pass
                    yield '<li class="tg-faq tg-faq-answer" id="tg-line-'
                    yield escape(environment.getattr(l_2_faq, 'line'))
                    yield '">\n<details class="tg-answer"'
                    if environment.getattr(l_2_faq, 'open'):
                        pass
                        yield ' open'
                    if (not environment.getattr(l_2_faq, 'external')):
                        pass
                        yield " data-tg-message='"
                        yield escape(t_6(context.eval_ctx, {'action': 'faq', 'selector': 'topicGuide', 'payload': {'topicName': '', 'path': '', 'faqName': environment.getattr(l_2_faq, 'question'), 'faqDescription': t_5(environment.getattr(l_2_faq, 'answer_html'))}}))
                        yield "'"
                    yield '>\n<summary>'
                    yield escape(environment.getattr(l_2_faq, 'question'))
                    yield '</summary>\n<div class="tg-answer-body">\n'
                    yield escape(t_3(context, environment.getattr(l_2_faq, 'answer_html')))
                    yield '\n'
                    l_2_link = (context.call((undefined(name='href') if l_2_href is missing else l_2_href), environment.getattr(l_2_faq, 'url'), _loop_vars=_loop_vars) if environment.getattr(l_2_faq, 'external') else None)
                    _loop_vars['link'] = l_2_link
                    if (undefined(name='link') if l_2_link is missing else l_2_link):
                        pass
                        yield '<p class="tg-read-more"><a href="'
                        yield escape((undefined(name='link') if l_2_link is missing else l_2_link))
                        yield '" target="_blank" rel="noopener">'
                        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'read_more'))
                        yield escape((undefined(name='leaves') if l_0_leaves is missing else l_0_leaves))
                        yield '</a></p>'
                    yield '</div>\n</details>\n</li>\n'
                elif (environment.getattr(l_2_faq, 'kind') == 'tour'):
                    pass
                    yield '<li class="tg-faq tg-faq-tour" id="tg-line-'
                    yield escape(environment.getattr(l_2_faq, 'line'))
                    yield '">\n<button type="button" class="tg-tour" title="'
                    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'tour_hint'))
                    yield '" data-tg-message=\''
                    yield escape(t_6(context.eval_ctx, {'action': 'guidedTour', 'selector': 'topicGuide', 'payload': {'topicId': environment.getattr(l_2_faq, 'topic_id')}}))
                    yield '\'><span class="tg-icon tg-icon-tour" aria-hidden="true"></span><span>'
                    yield escape(environment.getattr(l_2_faq, 'question'))
                    yield '</span><span class="tg-visually-hidden"> ('
                    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'start_tour'))
                    yield ')</span></button>\n</li>\n'
                else:
                    pass
                    l_2_link = context.call((undefined(name='href') if l_2_href is missing else l_2_href), environment.getattr(l_2_faq, 'url'), _loop_vars=_loop_vars)
                    _loop_vars['link'] = l_2_link
                    yield '<li class="tg-faq tg-faq-link" id="tg-line-'
                    yield escape(environment.getattr(l_2_faq, 'line'))
                    yield '">\n'
                    if (undefined(name='link') if l_2_link is missing else l_2_link):
                        pass
                        yield '<a href="'
                        yield escape((undefined(name='link') if l_2_link is missing else l_2_link))
                        yield '" target="_blank" rel="noopener" data-tg-message=\''
                        yield escape(t_6(context.eval_ctx, {'action': 'faq', 'selector': 'topicGuide', 'payload': {'topicName': '', 'path': '', 'faqName': environment.getattr(l_2_faq, 'question')}}))
                        yield "'><span>"
                        yield escape(environment.getattr(l_2_faq, 'question'))
                        yield '</span>'
                        yield escape((undefined(name='leaves') if l_0_leaves is missing else l_0_leaves))
                        yield '</a>\n'
                    else:
                        pass
                        yield '<span class="tg-faq-text">'
                        yield escape(environment.getattr(l_2_faq, 'question'))
                        yield '</span>\n'
                    yield '</li>\n'
            l_2_faq = l_2_href = l_2_link = missing
            yield '</ul>\n</details>\n'
        elif (environment.getattr(l_1_section, 'kind') == 'videos'):
            pass
            yield '<details class="tg-section tg-videos"'
            if environment.getattr(l_1_section, 'open'):
                pass
                yield ' open'
            yield '>\n<summary><span class="tg-summary-text">'
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'videos'))
            yield '</span> <span class="count">('
            yield escape(t_1('%02d', t_2(environment.getattr(l_1_section, 'videos'))))
            yield ')</span></summary>\n<div class="tg-section-body tg-video-grid">\n'
            for l_2_v in environment.getattr(l_1_section, 'videos'):
                _loop_vars = {}
                pass
                yield escape(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'video'), l_2_v, (undefined(name='t') if l_0_t is missing else l_0_t), 2, _loop_vars=_loop_vars))
                yield '\n'
            l_2_v = missing
            yield '</div>\n</details>\n'
        elif (environment.getattr(l_1_section, 'kind') == 'resources'):
            pass
            yield '<ul class="tg-cards">\n'
            for l_2_r in environment.getattr(l_1_section, 'items'):
                l_2_href = resolve('href')
                l_2_media = resolve('media')
                l_2_message = resolve('message')
                l_2_link = l_2_image = missing
                _loop_vars = {}
                pass
                l_2_link = context.call((undefined(name='href') if l_2_href is missing else l_2_href), environment.getattr(l_2_r, 'url'), _loop_vars=_loop_vars)
                _loop_vars['link'] = l_2_link
                l_2_image = (context.call((undefined(name='media') if l_2_media is missing else l_2_media), environment.getattr(l_2_r, 'image'), _loop_vars=_loop_vars) if (environment.getattr(l_2_r, 'kind') not in ('documentation', 'academy')) else None)
                _loop_vars['image'] = l_2_image
                if (environment.getattr(l_2_r, 'kind') == 'documentation'):
                    pass
                    l_2_message = {'action': 'Documentation', 'selector': 'topicGuide', 'payload': {'topicName': '', 'path': '', 'docUrl': environment.getattr(l_2_r, 'url')}}
                    _loop_vars['message'] = l_2_message
                elif (environment.getattr(l_2_r, 'kind') == 'academy'):
                    pass
                    l_2_message = {'action': 'Academy', 'selector': 'topicGuide', 'payload': {'topicName': '', 'path': '', 'courseName': environment.getattr(l_2_r, 'text')}}
                    _loop_vars['message'] = l_2_message
                else:
                    pass
                    l_2_message = {'action': 'faq', 'selector': 'topicGuide', 'payload': {'topicName': '', 'path': '', 'faqName': environment.getattr(l_2_r, 'title')}}
                    _loop_vars['message'] = l_2_message
                yield '<li class="tg-card tg-card-'
                yield escape(environment.getattr(l_2_r, 'kind'))
                yield '" id="tg-line-'
                yield escape(environment.getattr(l_2_r, 'line'))
                yield '">\n'
                if (undefined(name='link') if l_2_link is missing else l_2_link):
                    pass
                    yield '<a class="tg-card-inner" href="'
                    yield escape((undefined(name='link') if l_2_link is missing else l_2_link))
                    yield '" target="_blank" rel="noopener" data-tg-message=\''
                    yield escape(t_6(context.eval_ctx, (undefined(name='message') if l_2_message is missing else l_2_message)))
                    yield "'>"
                else:
                    pass
                    yield '<div class="tg-card-inner">'
                yield '<span class="tg-card-icon'
                if (undefined(name='image') if l_2_image is missing else l_2_image):
                    pass
                    yield ' tg-card-icon-image'
                yield '">\n'
                if (environment.getattr(l_2_r, 'kind') == 'documentation'):
                    pass
                    yield '<span class="tg-icon tg-icon-documentation" aria-hidden="true"></span>\n'
                elif (environment.getattr(l_2_r, 'kind') == 'academy'):
                    pass
                    yield '<span class="tg-icon tg-icon-academy" aria-hidden="true"></span>\n'
                elif (undefined(name='image') if l_2_image is missing else l_2_image):
                    pass
                    yield '<img src="'
                    yield escape((undefined(name='image') if l_2_image is missing else l_2_image))
                    yield '" alt="">\n'
                else:
                    pass
                    yield '<span class="tg-icon tg-icon-link" aria-hidden="true"></span>'
                yield '</span>\n<span class="tg-card-body">\n<strong class="tg-card-title">'
                yield escape((environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'documentation') if (environment.getattr(l_2_r, 'kind') == 'documentation') else (environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'academy') if (environment.getattr(l_2_r, 'kind') == 'academy') else environment.getattr(l_2_r, 'title'))))
                yield '</strong>\n'
                if environment.getattr(l_2_r, 'text'):
                    pass
                    yield '<span class="tg-card-text">'
                    yield escape(environment.getattr(l_2_r, 'text'))
                    yield '</span>'
                yield '</span>\n'
                if (undefined(name='link') if l_2_link is missing else l_2_link):
                    pass
                    yield escape((undefined(name='leaves') if l_0_leaves is missing else l_0_leaves))
                    yield '</a>'
                else:
                    pass
                    yield '</div>'
                yield '</li>\n'
            l_2_r = l_2_href = l_2_link = l_2_media = l_2_image = l_2_message = missing
            yield '</ul>\n'
        else:
            pass
            yield '<div class="tg-markdown">'
            yield escape(t_3(context, environment.getattr(l_1_section, 'html')))
            yield '</div>\n'
    l_1_section = missing

blocks = {'title': block_title, 'og_type': block_og_type, 'head': block_head, 'body_class': block_body_class, 'nav': block_nav, 'content': block_content}
debug_info = '1=13&2=16&3=20&4=34&5=44&6=53&7=56&10=59&11=69&12=84&13=86&15=89&16=141&17=143&18=146&20=156&21=159&22=161&23=163&24=168&25=171&26=174&27=178&29=180&32=182&33=185&34=189&36=193&37=198&38=201&39=203&40=212&42=214&43=216&44=218&48=227&49=230&50=232&53=242&54=245&55=247&56=250&58=261&65=266&66=269&67=273&69=277&70=280&74=284&76=287&77=294&78=296&79=298&80=300&81=302&82=304&84=308&86=311&87=315&88=326&89=330&90=333&91=336&95=345&96=347&98=353&103=366'